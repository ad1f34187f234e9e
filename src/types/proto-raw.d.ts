// `import text from './x.proto?raw'`: the file's text (vite's ?raw in tests, esbuild's text loader in the bundle).
declare module '*.proto?raw' {
  const text: string;
  export default text;
}
