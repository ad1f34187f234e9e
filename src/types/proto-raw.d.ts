// `import text from './x.proto?raw'`: the file's text (vite's ?raw in tests, esbuild's text loader in the bundle).
declare module '*.proto?raw' {
  const text: string;
  export default text;
}

// `import text from '../crds/x.yaml?raw'`: a YAML file's text.
declare module '*.yaml?raw' {
  const text: string;
  export default text;
}
