// The citizens' pages (`/`): submit a request, follow it, sign its closure, rate it. Mobile first.
import 'vant/lib/index.css';
import '@shared/base.css';
import { createApp } from 'vue';
import { createRouter, createWebHistory } from 'vue-router';
import { createSuqiuI18n } from '@shared/i18n';
import App from './App.vue';
import { citizenMessages } from './messages';
import HomeView from './HomeView.vue';
import SubmitView from './SubmitView.vue';
import TrackView from './TrackView.vue';

const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: HomeView },
    { path: '/submit', component: SubmitView },
    { path: '/track', component: TrackView },
    { path: '/track/:id', component: TrackView, props: true },
  ],
});

createApp(App).use(router).use(createSuqiuI18n(citizenMessages)).mount('#app');
