import urql from '@urql/vue';
import { createApp } from 'vue';
import App from './App.vue';
import { createSession, SESSION } from './composables/useSession';
import { followSessionEnd, installGuards } from './guards';
import { installI18n } from './i18n';
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

const app = createApp(App).provide(SESSION, session).use(router).use(urql, urqlClient);
installI18n(app);
app.mount('#app');
