import type en from '../en/catalogue';

export default {
  title: 'Ein Produkt konfigurieren, auf Bestellung gebaut',
  lead: 'Wählen Sie ein Produkt, seine Maße, Materialien und Extras, und sehen Sie dabei Preis und Versanddatum. Wir fertigen jedes Stück nach Ihrer Bestellung.',
  heading: 'Produkte',
  loading: 'Produkte werden geladen …',
  unreachable: 'Unser Shop ist gerade nicht erreichbar. Neuer Versuch alle {seconds} Sekunden …',
  empty: 'Noch keine Produkte.',
  count: '{n} Produkt | {n} Produkte',
  from: 'ab',
  noPrice: 'Preis auf Anfrage',
  configure: 'Konfigurieren',
  configureNamed: '{name} konfigurieren',
} satisfies typeof en;
