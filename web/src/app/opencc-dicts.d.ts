// opencc-js ships its dictionaries as modules (a "|"-separated string of pairs) without declarations.
declare module 'opencc-js/dict/STCharacters' {
  const dict: string;
  export default dict;
}
declare module 'opencc-js/dict/TWVariants' {
  const dict: string;
  export default dict;
}
