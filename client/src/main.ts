import urql from '@urql/vue';
import { createApp, watch } from 'vue';
import App from './App.vue';
import { createSession, SESSION } from './composables/useSession';
import { followSessionEnd, installGuards } from './guards';
import { ensureMessages, installI18n, wantStaffMessages } from './i18n';
import { router } from './router';
import { urqlClient, whenSessionEnds } from './urql';
import './styles/tokens.css';
import './style.css';

const session = createSession(urqlClient);
installGuards(router, session);
const sessionEnded = followSessionEnd(router, session);
whenSessionEnds(() => void sessionEnded());
// Asked at once: the header shows who is signed in; the guards wait for this same answer.
void session.ensureKnown();

// The staff's messages are fetched for a staff page, or once a staff member is known (the configurator shows
// them "Add to quote"); customers never download them.
router.beforeEach(async (to) => {
  if (to.meta.roles) await wantStaffMessages();
});
watch(session.isStaff, (staff) => staff && void wantStaffMessages(), { immediate: true });

const app = createApp(App).provide(SESSION, session).use(router).use(urql, urqlClient);
installI18n(app);
// Mounted once the reader's language is here (German is fetched, English bundled): no flash of English.
void ensureMessages().finally(() => app.mount('#app'));
