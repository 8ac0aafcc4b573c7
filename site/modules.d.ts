declare module '*.xml' {
  const content: string;
  export default content;
}
declare module '*.xsd' {
  const content: string;
  export default content;
}
declare module '*.json?raw' {
  const content: string;
  export default content;
}
