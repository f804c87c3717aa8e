import type en from '../en/errors';

export default {
  unreachable: 'Der Server ist nicht erreichbar: Bitte versuchen Sie es gleich noch einmal.',
  unreachableNothingChanged:
    'Der Server ist nicht erreichbar: Es wurde nichts geändert. Bitte versuchen Sie es gleich noch einmal.',
  noAnswer: 'Der Server hat nicht geantwortet.',
  wrongCredentials: 'Die E-Mail-Adresse oder das Passwort ist falsch.',
  tooManyAttempts:
    'Zu viele Anmeldeversuche: Bitte versuchen Sie es in {minutes} Minute wieder (nach {time}). | Zu viele Anmeldeversuche: Bitte versuchen Sie es in {minutes} Minuten wieder (nach {time}).',
  rateLimited: 'Zu viele Anfragen: Bitte warten Sie {seconds} Sekunden und versuchen Sie es dann erneut.',
  signInAgain: 'Ihre Sitzung ist beendet: Bitte melden Sie sich erneut an.',
  forbidden: 'Mit Ihrer Rolle dürfen Sie das nicht.',
  notFound: 'Das gibt es nicht mehr: Es wurde womöglich entfernt.',
  timeout: 'Der Server hat zu lange gebraucht: Bitte versuchen Sie es erneut.',
  internal: 'Bei uns ist etwas schiefgegangen: Bitte versuchen Sie es gleich noch einmal.',
  notFoundPage: {
    title: 'Seite nicht gefunden',
    text: 'Unter dieser Adresse gibt es nichts.',
    products: 'Zu den Produkten',
  },
  notAllowed: {
    title: 'Kein Zugriff',
    notForRole: 'Sie sind als {name} angemeldet, und die Seite {page} ist nicht für Ihre Rolle.',
    needsSignIn: 'Für die Seite {page} müssen Sie sich anmelden.',
    askAdmin:
      'Wenn Sie sie für Ihre Arbeit brauchen, bitten Sie eine Administratorin oder einen Administrator um die Rolle.',
    products: 'Zu den Produkten',
    signInAsOther: 'Als jemand anderes anmelden',
  },
} satisfies typeof en;
