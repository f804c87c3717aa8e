import urql from '@urql/vue';
import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router';
import { urqlClient } from './urql';
import './style.css';

createApp(App).use(router).use(urql, urqlClient).mount('#app');
