/** Marks drawn in the product previews (components/preview). */
export default {
  /** The letter on a desk leg's motor. */
  motorMark: 'M',
};
