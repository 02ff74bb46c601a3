// The staff pages: the workbench (`/workbench`: tasks, intake, case files, sign-off) and the
// dashboard (`/dashboard`: figures for supervisors and leaders). Element Plus, desk first.
import 'element-plus/dist/index.css';
import '@shared/base.css';
import ElementPlus from 'element-plus';
import { createApp } from 'vue';
import { createSuqiuI18n } from '@shared/i18n';
import App from './App.vue';
import { staffMessages } from './messages';
import { staffRouter } from './router';

createApp(App).use(staffRouter).use(createSuqiuI18n(staffMessages)).use(ElementPlus).mount('#app');
