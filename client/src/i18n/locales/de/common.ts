import type en from '../en/common';

export default {
  brand: 'MTO Configurator',
  skipToContent: 'Zum Inhalt springen',
  nav: {
    main: 'Hauptnavigation',
    products: 'Produkte',
    findOrder: 'Bestellung finden',
    quotes: 'Angebote',
    approvals: 'Freigaben',
    accounts: 'Kunden',
    operations: 'Fertigung',
    materials: 'Material',
    admin: 'Verwaltung',
  },
  language: 'Sprache',
  loading: 'Wird geladen …',
  tryAgain: 'Erneut versuchen',
  tryAgainNow: 'Jetzt erneut versuchen',
  serverDown: 'Der Server ist nicht erreichbar.',
  retryingEvery: 'Neuer Versuch alle {seconds} Sekunden …',
  yes: 'Ja',
  no: 'Nein',
  close: 'Schließen',
  cancel: 'Abbrechen',
  save: 'Speichern',
} satisfies typeof en;
