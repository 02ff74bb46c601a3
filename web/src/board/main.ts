// The public board (`/board`): every request's progress without identities, per-unit closure and
// satisfaction, and a wall-screen mode. Vant, mobile first, widening to a table on a desk or a wall.
import 'vant/lib/index.css';
import '@shared/base.css';
import { createApp } from 'vue';
import { createSuqiuI18n } from '@shared/i18n';
import App from './App.vue';
import { boardMessages } from './messages';
import { boardRouter } from './router';

createApp(App).use(boardRouter).use(createSuqiuI18n(boardMessages)).mount('#app');
