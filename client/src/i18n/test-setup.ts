// Component tests mount components as the app does: with the i18n plugin, in English.
import { config } from '@vue/test-utils';
import { i18n, setLocale } from './index';

setLocale('en');
config.global.plugins.push(i18n);
