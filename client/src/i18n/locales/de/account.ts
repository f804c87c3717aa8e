import type en from '../en/account';

export default {
  signIn: {
    title: 'Anmelden',
    signedOutEverywhere: 'Sie sind in allen Browsern abgemeldet.',
    signedOut: 'Sie sind abgemeldet.',
    signedInAs:
      'Sie sind als {name} ({email}) angemeldet. Wenn Sie sich erneut anmelden, ändert sich, wer Sie in diesem Browser sind.',
    toOpenPage: 'Bitte melden Sie sich an, um diese Seite zu öffnen.',
    lead: 'Für Kundinnen und Kunden mit Konto und für unsere Mitarbeitenden. Zum Bestellen brauchen Sie kein Konto.',
    email: 'E-Mail',
    password: 'Passwort',
    typeEmail: 'Bitte geben Sie Ihre E-Mail-Adresse ein.',
    typePassword: 'Bitte geben Sie Ihr Passwort ein.',
    submit: 'Anmelden',
    busy: 'Anmeldung läuft …',
    invited: 'Per E-Mail eingeladen? Öffnen Sie den Link Ihrer Einladung, um Ihr Passwort festzulegen.',
  },
  password: {
    current: 'Aktuelles Passwort',
    new: 'Neues Passwort',
    repeat: 'Dasselbe Passwort noch einmal',
    rules: '10 bis 200 Zeichen; nicht Ihre E-Mail-Adresse.',
    typeCurrent: 'Bitte geben Sie Ihr aktuelles Passwort ein.',
    tooShort: 'Bitte wählen Sie ein Passwort mit mindestens 10 Zeichen.',
    tooLong: 'Bitte wählen Sie ein Passwort mit höchstens 200 Zeichen.',
    notEmail: 'Das Passwort darf nicht Ihre E-Mail-Adresse sein: Wählen Sie etwas, das nur Sie kennen.',
    refused:
      'Dieses Passwort ist nicht möglich: Wählen Sie 10 bis 200 Zeichen, die nicht Ihre E-Mail-Adresse sind.',
    differ: 'Die beiden Passwörter stimmen nicht überein: Bitte geben Sie es noch einmal ein.',
    currentWrong: 'Das aktuelle Passwort ist falsch: Bitte geben Sie es noch einmal ein.',
  },
  changePassword: {
    title: 'Passwort ändern',
    done: 'Ihr Passwort ist geändert. Hier bleiben Sie angemeldet; in allen anderen Browsern wurden Sie abgemeldet.',
    submit: 'Passwort ändern',
  },
  invitation: {
    title: 'Passwort festlegen',
    lead: 'Sie wurden zum MTO Configurator eingeladen. Wählen Sie das Passwort, mit dem Sie sich künftig anmelden.',
    submit: 'Passwort festlegen und anmelden',
    invalid:
      'Diese Einladung ist unbekannt, schon benutzt oder abgelaufen: Bitten Sie eine Administratorin oder einen Administrator um eine neue.',
  },
  menu: {
    accountOf: 'Konto von',
    myOrders: 'Meine Bestellungen',
    myConfigurations: 'Meine gespeicherten Konfigurationen',
    changePassword: 'Passwort ändern',
    signOut: 'Abmelden',
    signOutEverywhere: 'Überall abmelden',
    signIn: 'Anmelden',
  },
  saved: {
    title: 'Meine gespeicherten Konfigurationen',
    lead: 'Konfigurationen, die Sie gespeichert oder geteilt haben, die neueste zuerst. Öffnen Sie eine, um sie zu ändern oder zu bestellen.',
    failed: 'Ihre Konfigurationen konnten nicht angezeigt werden.',
    none: 'Noch keine. Im Konfigurator legt „Speichern und teilen“ eine Konfiguration hier ab.',
    savedAt: 'gespeichert {at} · Code {code}',
    choices: 'keine Auswahl | {n} Auswahl | {n} Auswahlen',
    quantity: 'Menge {n}',
    invalid: 'So gespeichert nicht baubar',
    complete: 'Vollständig',
    incomplete: 'Noch nicht vollständig',
    open: 'Im Konfigurator öffnen',
  },
} satisfies typeof en;
