import type en from '../en/preview';

export default {
  motorMark: 'M',
} satisfies typeof en;
