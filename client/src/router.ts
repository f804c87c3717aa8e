import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'catalogue',
    component: () => import('./pages/CataloguePage.vue'),
    meta: { title: 'Products' },
  },
  {
    path: '/configure/:productCode',
    name: 'configure',
    component: () => import('./pages/ConfiguratorPage.vue'),
    meta: { title: 'Configure' },
  },
  {
    path: '/checkout/:productCode',
    name: 'checkout',
    component: () => import('./pages/CheckoutPage.vue'),
    meta: { title: 'Order' },
  },
  {
    path: '/orders/:number',
    name: 'order',
    component: () => import('./pages/OrderStatusPage.vue'),
    meta: { title: 'Order status' },
  },
  {
    path: '/orders',
    name: 'order-lookup',
    component: () => import('./pages/OrderLookupPage.vue'),
    meta: { title: 'Find an order' },
  },
  {
    path: '/operations',
    name: 'operations',
    component: () => import('./pages/OperationsPage.vue'),
    meta: { title: 'Operations' },
  },
  {
    path: '/operations/orders/:number/quality',
    name: 'quality-check',
    component: () => import('./pages/QualityCheckPage.vue'),
    meta: { title: 'Quality check' },
  },
  {
    path: '/materials',
    name: 'materials',
    component: () => import('./pages/MaterialsPage.vue'),
    meta: { title: 'Materials' },
  },
  {
    path: '/:path(.*)*',
    name: 'not-found',
    component: () => import('./pages/NotFoundPage.vue'),
    meta: { title: 'Not found' },
  },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

router.afterEach((to) => {
  document.title = `${String(to.meta.title ?? 'Configurator')} · MTO Configurator`;
});
