import { watch } from 'vue';
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { Role } from './graphql/graphql';
import { currentLocale, i18n } from './i18n';

/** The plant's pages. */
const OPERATIONS: readonly Role[] = [Role.Operations];
/** The sales workspace: quotes and accounts (an admin looks after accounts, so sees them too). */
const SALES: readonly Role[] = [Role.Sales, Role.SalesManager, Role.Admin];

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'catalogue',
    component: () => import('./pages/CataloguePage.vue'),
    meta: { title: 'titles.catalogue' },
  },
  {
    path: '/configure/:productCode',
    name: 'configure',
    component: () => import('./pages/ConfiguratorPage.vue'),
    meta: { title: 'titles.configure' },
  },
  {
    path: '/checkout/:productCode',
    name: 'checkout',
    component: () => import('./pages/CheckoutPage.vue'),
    meta: { title: 'titles.checkout' },
  },
  {
    // Staff see the full internal view; a customer their own order, customer-safe fields only.
    path: '/orders/:number',
    name: 'order',
    component: () => import('./pages/OrderStatusPage.vue'),
    meta: { title: 'titles.order', signedIn: true },
  },
  {
    path: '/orders',
    name: 'order-lookup',
    component: () => import('./pages/OrderLookupPage.vue'),
    meta: { title: 'titles.orderLookup' },
  },
  {
    // A guest's order, opened by the link given when it was placed (bookmarkable).
    path: '/track/:token',
    name: 'track',
    component: () => import('./pages/TrackOrderPage.vue'),
    meta: { title: 'titles.track' },
  },
  {
    path: '/my/orders',
    name: 'my-orders',
    component: () => import('./pages/MyOrdersPage.vue'),
    meta: { title: 'titles.myOrders', signedIn: true },
  },
  {
    path: '/my/configurations',
    name: 'my-configurations',
    component: () => import('./pages/MySavedConfigurationsPage.vue'),
    meta: { title: 'titles.myConfigurations', signedIn: true },
  },
  {
    path: '/my/password',
    name: 'change-password',
    component: () => import('./pages/ChangePasswordPage.vue'),
    meta: { title: 'titles.changePassword', signedIn: true },
  },
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('./pages/SignInPage.vue'),
    meta: { title: 'titles.signIn' },
  },
  {
    path: '/invitation/:token',
    name: 'invitation',
    component: () => import('./pages/InvitationPage.vue'),
    meta: { title: 'titles.invitation' },
  },
  {
    path: '/not-allowed',
    name: 'not-allowed',
    component: () => import('./pages/NotAllowedPage.vue'),
    meta: { title: 'titles.notAllowed' },
  },
  {
    path: '/operations',
    name: 'operations',
    component: () => import('./pages/OperationsPage.vue'),
    meta: { title: 'titles.operations', roles: OPERATIONS },
  },
  {
    path: '/operations/orders/:number/quality',
    name: 'quality-check',
    component: () => import('./pages/QualityCheckPage.vue'),
    meta: { title: 'titles.qualityCheck', roles: OPERATIONS },
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
    meta: { title: 'titles.materials', roles: [Role.Operations, Role.Admin] },
  },
  {
    path: '/admin',
    name: 'admin',
    component: () => import('./pages/AdminPage.vue'),
    meta: { title: 'titles.admin', roles: [Role.Admin] },
  },
  {
    path: '/sales/quotes',
    name: 'sales-quotes',
    component: () => import('./pages/sales/QuotesPage.vue'),
    meta: { title: 'titles.quotes', roles: SALES },
  },
  {
    path: '/sales/quotes/:id',
    name: 'sales-quote',
    component: () => import('./pages/sales/QuoteEditorPage.vue'),
    meta: { title: 'titles.quote', roles: SALES },
  },
  {
    path: '/sales/approvals',
    name: 'sales-approvals',
    component: () => import('./pages/sales/ApprovalsPage.vue'),
    meta: { title: 'titles.approvals', roles: [Role.SalesManager] },
  },
  {
    path: '/sales/accounts',
    name: 'sales-accounts',
    component: () => import('./pages/sales/AccountsPage.vue'),
    meta: { title: 'titles.accounts', roles: SALES },
  },
  {
    path: '/sales/accounts/:id',
    name: 'sales-account',
    component: () => import('./pages/sales/AccountPage.vue'),
    meta: { title: 'titles.account', roles: SALES },
  },
  {
    // The customer's quote, opened by the link sent with it (no sign-in: the token is the key).
    path: '/quote/:token',
    // The link as the server writes it in the mail may say /quotes/<token> (its PDF is /quotes/<token>/document.pdf).
    alias: '/quotes/:token',
    name: 'customer-quote',
    component: () => import('./pages/CustomerQuotePage.vue'),
    meta: { title: 'titles.customerQuote' },
  },
  {
    path: '/:path(.*)*',
    name: 'not-found',
    component: () => import('./pages/NotFoundPage.vue'),
    meta: { title: 'titles.notFound' },
  },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

/** The tab's title in the reader's language: meta.title is a message key (a plain text passes as it is). */
function showTitle(title: string | undefined): void {
  const { t, te } = i18n.global;
  const key = title ?? 'titles.fallback';
  document.title = t('titles.suffix', { title: te(key) ? t(key) : key });
}

router.afterEach((to) => showTitle(to.meta.title));
watch(currentLocale, () => showTitle(router.currentRoute.value.meta.title));
