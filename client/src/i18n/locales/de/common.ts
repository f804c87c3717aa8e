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
  live: {
    live: 'Live',
    liveHint: 'Diese Seite aktualisiert sich selbst, wenn sich etwas ändert.',
    reconnecting: 'Verbinde neu…',
    reconnectingHint: 'Live-Aktualisierung pausiert; die Seite holt auf, sobald die Verbindung wieder steht.',
  },
} satisfies typeof en;
