// Component tests mount components as the app does: with the i18n plugin, in English, every area and
// language loaded (the app loads German and the staff's areas when wanted).
import { config } from '@vue/test-utils';
import { i18n, setLocale } from './index';
import { allMessages } from './locales';

for (const [language, areas] of Object.entries(await allMessages()))
  i18n.global.mergeLocaleMessage(language, areas);
setLocale('en');
config.global.plugins.push(i18n);
