/** The catalogue: the first page a customer sees (CataloguePage, ProductList). */
export default {
  title: 'Configure a product, built to your order',
  lead: 'Pick a product, choose its size, materials and extras, and see the price and the ship date as you go. We build every piece to your order.',
  heading: 'Products',
  loading: 'Loading the products…',
  unreachable: "We can't reach our shop right now. Trying again every {seconds} seconds…",
  empty: 'No products yet.',
  count: '{n} product | {n} products',
  from: 'from',
  noPrice: 'Price on request',
  configure: 'Configure',
  configureNamed: 'Configure {name}',
};
