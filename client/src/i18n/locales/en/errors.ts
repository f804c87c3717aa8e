/** What went wrong, in words: the server out of reach and the server's refusals by their code. */
export default {
  unreachable: "Can't reach the server: please try again in a moment.",
  unreachableNothingChanged: "Can't reach the server: nothing was changed. Try again in a moment.",
  noAnswer: 'The server gave no answer.',
  wrongCredentials: 'The e-mail or password is wrong.',
  tooManyAttempts:
    'Too many sign-in attempts: try again in {minutes} minute (after {time}). | Too many sign-in attempts: try again in {minutes} minutes (after {time}).',
  rateLimited: 'Too many requests: please wait {seconds} seconds and try again.',
  signInAgain: 'Your session has ended: please sign in again.',
  forbidden: 'You may not do this with your role.',
  notFound: 'This no longer exists: it may have been removed.',
  timeout: 'The server took too long to answer: please try again.',
  internal: 'Something went wrong on our side: please try again in a moment.',
  notFoundPage: {
    title: 'Page not found',
    text: 'There is nothing at this address.',
    products: 'See the products',
  },
  notAllowed: {
    title: 'Not allowed',
    notForRole: 'You are signed in as {name}, and the page {page} is not for your role.',
    needsSignIn: 'The page {page} needs you to sign in.',
    askAdmin: 'If you need it for your work, ask an administrator to give you the role.',
    products: 'See the products',
    signInAsOther: 'Sign in as someone else',
  },
};
