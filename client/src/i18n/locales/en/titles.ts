/**
 * Each page's title (the browser tab and history), by route: router.ts names the key in meta.title
 * (pickList, traveller, packingSlip: for the printable pages wt-operations adds; a plain title still shows as it is).
 */
export default {
  catalogue: 'Products',
  configure: 'Configure',
  checkout: 'Order',
  order: 'Order status',
  orderLookup: 'Find an order',
  track: 'Your order',
  myOrders: 'My orders',
  myConfigurations: 'My saved configurations',
  changePassword: 'Change password',
  signIn: 'Sign in',
  invitation: 'Set your password',
  notAllowed: 'Not allowed',
  operations: 'Operations',
  qualityCheck: 'Quality check',
  pickList: 'Pick list',
  traveller: 'Traveller',
  packingSlip: 'Packing slip',
  materials: 'Materials',
  admin: 'Admin',
  quotes: 'Quotes',
  quote: 'Quote',
  approvals: 'Approvals',
  accounts: 'Accounts',
  account: 'Account',
  customerQuote: 'Your quote',
  notFound: 'Not found',
  fallback: 'Configurator',
  suffix: '{title} · MTO Configurator',
};
