import { createRouter, createWebHistory } from 'vue-router';
import { currentStaff } from './session';

export const staffRouter = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/workbench/login', component: () => import('./LoginView.vue'), meta: { public: true } },
    { path: '/workbench', component: () => import('./workbench/TasksView.vue') },
    { path: '/workbench/tasks/:taskKey', component: () => import('./workbench/TaskView.vue'), props: true },
    { path: '/dashboard', component: () => import('./dashboard/DashboardView.vue') },
  ],
});

// anyone not logged in goes to the login page first, and comes back to where they were going
staffRouter.beforeEach(async (to) => {
  if (to.meta.public === true) return true;
  const who = await currentStaff();
  return who === null ? { path: '/workbench/login', query: { next: to.fullPath } } : true;
});
