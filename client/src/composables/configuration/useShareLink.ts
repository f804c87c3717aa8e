/**
 * "Share": saves the configuration on screen (saveConfiguration) and gives its short link; the link is
 * forgotten as soon as the choices change (it would open the old ones).
 */
import { useClientHandle } from '@urql/vue';
import { type Ref, ref, watch } from 'vue';
import type { ConfigurationInput } from '../../graphql/graphql';
import { SaveConfigurationDocument } from '../../graphql/graphql';
import { i18n } from '../../i18n';

/** `input()`: the configuration on screen; `changes`: what makes a link out of date. */
export function useShareLink(input: () => ConfigurationInput, changes: readonly Ref<unknown>[]) {
  const { client } = useClientHandle();
  const shareUrl = ref<string | null>(null);
  const shareBusy = ref(false);
  const shareError = ref<string | null>(null);

  watch([...changes], () => {
    shareUrl.value = null;
  });

  async function share(): Promise<void> {
    shareBusy.value = true;
    shareError.value = null;
    try {
      const answer = await client.mutation(SaveConfigurationDocument, { input: input() }).toPromise();
      const saved = answer.data?.saveConfiguration;
      if (!saved) {
        shareError.value = answer.error?.networkError
          ? i18n.global.t('configurator.share.unreachable')
          : (answer.error?.graphQLErrors[0]?.message ?? i18n.global.t('configurator.share.failed'));
        return;
      }
      shareUrl.value = new URL(saved.url, window.location.origin).href;
    } finally {
      shareBusy.value = false;
    }
  }

  return { share, shareUrl, shareBusy, shareError };
}
