import type en from '../en/fulfilment';

/** Was die Auftragsabwicklung und die Auftragsseite der Mitarbeiter sagen (siehe en/fulfilment.ts). */
export default {
  events: {
    AWAITING_REVIEW: 'Wartet auf Prüfung',
    REVIEW_ACCEPTED: 'Nach Prüfung angenommen',
    PLACED: 'Bestellung aufgegeben',
    MATERIALS_PLANNED: 'Material geplant',
    CONFIRMED: 'Bestellung bestätigt',
    AWAITING_MATERIALS: 'Wartet auf Material',
    MATERIAL_RECEIVED: 'Material eingegangen',
    MATERIALS_READY: 'Material bereit',
    MATERIALS_ISSUED: 'Material an die Fertigung ausgegeben',
    WORK_STARTED: 'Arbeit begonnen',
    WORK_COMPLETED: 'Arbeit abgeschlossen',
    PRODUCTION_FINISHED: 'Fertigung abgeschlossen',
    QUALITY_PASSED: 'Qualitätsprüfung bestanden',
    QUALITY_FAILED: 'Qualitätsprüfung nicht bestanden',
    SHIPPED: 'Versandt',
    DELIVERED: 'Zugestellt',
    CANCELLED: 'Storniert',
    RELEASED: 'Material freigegeben',
    PROMISE_SLIPPED: 'Versanddatum verschoben',
    SUPPLY_UPDATED: 'Liefertermin des Lieferanten geändert',
  },
  lateBy: '{days} zu spät: {cause}',
  selection: {
    none: 'keine',
    notChosen: 'nicht gewählt',
  },
  minutes: {
    short: '{minutes} min',
    long: '{hours} h {minutes} min',
  },
  lookup: {
    placeholder: 'MTO-AB12-CD34',
  },
  staffOrder: {
    lineTitle: '{quantity} × {product}',
    modelVersion: '(Modellversion {version})',
    bom: 'Stückliste',
    bomHint:
      'Auf diese Konfiguration zugeschnitten, für {n} Stück. | Auf diese Konfiguration zugeschnitten, für {n} Stück.',
    bomOf: 'Stückliste von {product}',
    routing: 'Arbeitsplan',
    routingOf: 'Arbeitsplan von {product}',
    configureAnother: 'Weiteres Produkt konfigurieren',
    findAnother: 'Andere Bestellung suchen',
  },
} satisfies typeof en;
