import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { Role } from './graphql/graphql';

/** The plant's pages. */
const OPERATIONS: readonly Role[] = [Role.Operations];
/** The sales workspace: quotes and accounts (an admin looks after accounts, so sees them too). */
const SALES: readonly Role[] = [Role.Sales, Role.SalesManager, Role.Admin];

export const routes: RouteRecordRaw[] = [
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
    // Staff see the full internal view; a customer their own order, customer-safe fields only.
    path: '/orders/:number',
    name: 'order',
    component: () => import('./pages/OrderStatusPage.vue'),
    meta: { title: 'Order status', signedIn: true },
  },
  {
    path: '/orders',
    name: 'order-lookup',
    component: () => import('./pages/OrderLookupPage.vue'),
    meta: { title: 'Find an order' },
  },
  {
    // A guest's order, opened by the link given when it was placed (bookmarkable).
    path: '/track/:token',
    name: 'track',
    component: () => import('./pages/TrackOrderPage.vue'),
    meta: { title: 'Your order' },
  },
  {
    path: '/my/orders',
    name: 'my-orders',
    component: () => import('./pages/MyOrdersPage.vue'),
    meta: { title: 'My orders', signedIn: true },
  },
  {
    path: '/my/configurations',
    name: 'my-configurations',
    component: () => import('./pages/MySavedConfigurationsPage.vue'),
    meta: { title: 'My saved configurations', signedIn: true },
  },
  {
    path: '/my/password',
    name: 'change-password',
    component: () => import('./pages/ChangePasswordPage.vue'),
    meta: { title: 'Change password', signedIn: true },
  },
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('./pages/SignInPage.vue'),
    meta: { title: 'Sign in' },
  },
  {
    path: '/invitation/:token',
    name: 'invitation',
    component: () => import('./pages/InvitationPage.vue'),
    meta: { title: 'Set your password' },
  },
  {
    path: '/not-allowed',
    name: 'not-allowed',
    component: () => import('./pages/NotAllowedPage.vue'),
    meta: { title: 'Not allowed' },
  },
  {
    path: '/operations',
    name: 'operations',
    component: () => import('./pages/OperationsPage.vue'),
    meta: { title: 'Operations', roles: OPERATIONS },
  },
  {
    path: '/operations/orders/:number/quality',
    name: 'quality-check',
    component: () => import('./pages/QualityCheckPage.vue'),
    meta: { title: 'Quality check', roles: OPERATIONS },
  },
  {
    path: '/operations/orders/:number/pick-list',
    name: 'pick-list',
    component: () => import('./pages/operations/PickListPage.vue'),
    meta: { title: 'Pick list', roles: OPERATIONS },
  },
  {
    path: '/operations/orders/:number/traveller',
    name: 'traveller',
    component: () => import('./pages/operations/TravellerPage.vue'),
    meta: { title: 'Traveller', roles: OPERATIONS },
  },
  {
    path: '/operations/orders/:number/packing-slip',
    name: 'packing-slip',
    component: () => import('./pages/operations/PackingSlipPage.vue'),
    meta: { title: 'Packing slip', roles: OPERATIONS },
  },
  {
    path: '/materials',
    name: 'materials',
    component: () => import('./pages/MaterialsPage.vue'),
    meta: { title: 'Materials', roles: [Role.Operations, Role.Admin] },
  },
  {
    path: '/admin',
    name: 'admin',
    component: () => import('./pages/AdminPage.vue'),
    meta: { title: 'Admin', roles: [Role.Admin] },
  },
  {
    path: '/sales/quotes',
    name: 'sales-quotes',
    component: () => import('./pages/sales/QuotesPage.vue'),
    meta: { title: 'Quotes', roles: SALES },
  },
  {
    path: '/sales/quotes/:id',
    name: 'sales-quote',
    component: () => import('./pages/sales/QuoteEditorPage.vue'),
    meta: { title: 'Quote', roles: SALES },
  },
  {
    path: '/sales/approvals',
    name: 'sales-approvals',
    component: () => import('./pages/sales/ApprovalsPage.vue'),
    meta: { title: 'Approvals', roles: [Role.SalesManager] },
  },
  {
    path: '/sales/accounts',
    name: 'sales-accounts',
    component: () => import('./pages/sales/AccountsPage.vue'),
    meta: { title: 'Accounts', roles: SALES },
  },
  {
    path: '/sales/accounts/:id',
    name: 'sales-account',
    component: () => import('./pages/sales/AccountPage.vue'),
    meta: { title: 'Account', roles: SALES },
  },
  {
    // The customer's quote, opened by the link sent with it (no sign-in: the token is the key).
    path: '/quote/:token',
    // The link as the server writes it in the mail may say /quotes/<token> (its PDF is /quotes/<token>/document.pdf).
    alias: '/quotes/:token',
    name: 'customer-quote',
    component: () => import('./pages/CustomerQuotePage.vue'),
    meta: { title: 'Your quote' },
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
