import { createRouter, createWebHistory } from 'vue-router';
import ListView from './ListView.vue';

export const boardRouter = createRouter({
  history: createWebHistory(),
  routes: [
    // `/board?wall=1` is the wall screen too: a short address to type into a screen's browser
    { path: '/board', component: ListView, beforeEnter: (to) => (to.query.wall === '1' ? { path: '/board/wall' } : true) },
    { path: '/board/units', component: () => import('./UnitsView.vue') },
    { path: '/board/wall', component: () => import('./WallView.vue'), meta: { wall: true } },
    { path: '/board/:rest(.*)*', redirect: '/board' },
  ],
});
