// Validates Kubernetes manifests against the Kubernetes API schemas, offline.
//   node validate.mjs <file-or-directory>...   (a directory: every *.yaml / *.yml in it, not recursive)
// Each YAML document is checked twice:
//   1. the kubernetes-models model of its apiVersion/kind: validate() (required fields, types, enums, formats);
//   2. strict fields: every key must be a property of the matching Kubernetes type (the model's TypeScript
//      declaration, read with the TypeScript checker), as `kubectl apply --validate=strict` does. The JSON schemas
//      allow unknown keys, so a typo such as `readinessProbes` would otherwise pass (and be dropped by the API server).
// A kustomization.yaml is checked for its own shape: known top-level keys, every resource file exists and is
// validated, every image it rewrites is used by a container. Exit code 1 on any error.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const errors = [];
const report = (where, message) => errors.push(`${where}: ${message}`);

const kustomizationKeys = new Set([
  "apiVersion", "kind", "metadata", "resources", "components", "namespace", "namePrefix", "nameSuffix", "labels",
  "commonLabels", "commonAnnotations", "images", "replicas", "patches", "configMapGenerator", "secretGenerator",
  "generatorOptions", "replacements", "buildMetadata", "sortOptions",
]);

function yamlFiles(target) {
  if (!statSync(target).isDirectory()) {
    return [target];
  }
  return readdirSync(target)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(target, name));
}

function readDocuments(file) {
  const docs = [];
  parseAllDocuments(readFileSync(file, "utf8"), { uniqueKeys: true }).forEach((doc, index) => {
    const where = `${file}#${index + 1}`;
    for (const e of [...doc.errors, ...doc.warnings]) {
      report(where, `YAML: ${e.message.split("\n")[0]}`);
    }
    const value = doc.toJS();
    if (value !== null && value !== undefined) {
      docs.push({ where, value });
    }
  });
  return docs;
}

/** "apps/v1" + "Deployment" → the kubernetes-models module path; core "v1" has no group. */
function modelPath(apiVersion, kind) {
  return `kubernetes-models/${apiVersion}/${kind}`;
}

// --- strict fields: the TypeScript declarations of the models -----------------------------------------------------
function typeChecker(kinds) {
  const entry = path.join(here, "__kinds__.ts");
  const source = kinds
    .map((k, i) => `import type { I${k.kind} as T${i} } from "${modelPath(k.apiVersion, k.kind)}";\nexport type K${i} = T${i};`)
    .join("\n");
  const options = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    path.resolve(name) === entry ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === entry || fileExists(name);
  const program = ts.createProgram([entry], options, host);
  for (const d of ts.getPreEmitDiagnostics(program)) {
    throw new Error(`cannot read the model declarations: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  }
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(entry);
  const types = new Map();
  for (const statement of file.statements) {
    if (ts.isTypeAliasDeclaration(statement)) {
      const i = Number(statement.name.text.slice(1));
      types.set(`${kinds[i].apiVersion}/${kinds[i].kind}`, checker.getTypeAtLocation(statement.name));
    }
  }
  return { checker, types };
}

function checkFields(checker, value, type, where, at) {
  if (value === null || typeof value !== "object") {
    return;
  }
  type = checker.getNonNullableType(type);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) {
    return;
  }
  const objects = type.isUnion() ? type.types.filter((t) => t.flags & ts.TypeFlags.Object) : [type];
  if (objects.length !== 1) {
    return; // a primitive where an object is given: validate() reports the type
  }
  const t = objects[0];
  if (Array.isArray(value)) {
    const element = checker.isArrayType(t) ? checker.getTypeArguments(t)[0] : undefined;
    if (element) {
      value.forEach((v, i) => checkFields(checker, v, element, where, `${at}[${i}]`));
    }
    return;
  }
  const index = checker.getIndexTypeOfType(t, ts.IndexKind.String);
  for (const [key, v] of Object.entries(value)) {
    const property = t.getProperty(key);
    if (property) {
      checkFields(checker, v, checker.getTypeOfSymbol(property), where, `${at}.${key}`);
    } else if (index) {
      checkFields(checker, v, index, where, `${at}.${key}`);
    } else {
      const known = checker.getPropertiesOfType(t).map((p) => p.name).join(", ");
      report(where, `${at}.${key}: unknown field (known: ${known})`);
    }
  }
}

// --- kustomization -------------------------------------------------------------------------------------------------
function checkKustomization(doc, file, manifests) {
  const dir = path.dirname(file);
  for (const key of Object.keys(doc.value)) {
    if (!kustomizationKeys.has(key)) {
      report(doc.where, `unknown kustomization field '${key}'`);
    }
  }
  const resources = [];
  for (const r of doc.value.resources ?? []) {
    const target = path.join(dir, r);
    if (!existsSync(target)) {
      report(doc.where, `resource '${r}' does not exist`);
    } else {
      resources.push(path.resolve(target));
    }
  }
  const images = new Set();
  for (const m of manifests.filter((m) => resources.includes(path.resolve(m.file)))) {
    const pod = m.value?.spec?.template?.spec ?? m.value?.spec;
    for (const c of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]) {
      images.add(String(c.image).split(/[:@]/)[0]);
    }
  }
  for (const image of doc.value.images ?? []) {
    if (!images.has(image.name)) {
      report(doc.where, `images: '${image.name}' is not the image of any container in its resources`);
    }
  }
  return resources;
}

// --- main ----------------------------------------------------------------------------------------------------------
const targets = process.argv.slice(2);
if (targets.length === 0) {
  console.error("usage: node validate.mjs <file-or-directory>...");
  process.exit(2);
}

const manifests = [];
const kustomizations = [];
for (const file of targets.flatMap(yamlFiles)) {
  for (const doc of readDocuments(file)) {
    if (doc.value.kind === "Kustomization") {
      kustomizations.push({ ...doc, file });
    } else {
      manifests.push({ ...doc, file });
    }
  }
}

const kinds = [];
for (const m of manifests) {
  const { apiVersion, kind } = m.value;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    report(m.where, "apiVersion and kind are required");
    continue;
  }
  let model;
  try {
    model = (await import(modelPath(apiVersion, kind)))[kind];
  } catch {
    model = undefined;
  }
  if (typeof model !== "function") {
    report(m.where, `unknown apiVersion/kind ${apiVersion} ${kind}`);
    continue;
  }
  m.model = model;
  if (!kinds.some((k) => k.apiVersion === apiVersion && k.kind === kind)) {
    kinds.push({ apiVersion, kind });
  }
}

const { checker, types } = typeChecker(kinds);
for (const m of manifests.filter((m) => m.model)) {
  try {
    new m.model(m.value).validate();
  } catch (e) {
    for (const line of String(e.message).split(/, (?=data)/)) {
      report(m.where, `schema: ${line}`);
    }
  }
  const name = m.value.metadata?.name;
  if (typeof name !== "string" || name.length === 0) {
    report(m.where, "metadata.name is required");
  }
  checkFields(checker, m.value, types.get(`${m.value.apiVersion}/${m.value.kind}`), m.where, m.value.kind);
}

for (const k of kustomizations) {
  const resources = checkKustomization(k, k.file, manifests);
  for (const r of resources) {
    if (!manifests.some((m) => path.resolve(m.file) === r)) {
      for (const doc of readDocuments(r)) {
        report(doc.where, "listed by the kustomization but not validated: pass its directory or file too");
      }
    }
  }
}

for (const m of manifests) {
  console.log(`${m.where}: ${m.value.apiVersion} ${m.value.kind} ${m.value.metadata?.name ?? ""}`);
}
for (const k of kustomizations) {
  console.log(`${k.where}: Kustomization (${(k.value.resources ?? []).length} resources)`);
}
if (errors.length > 0) {
  for (const e of errors) {
    console.error(`ERROR ${e}`);
  }
  console.error(`${errors.length} error(s)`);
  process.exit(1);
}
console.log(`${manifests.length + kustomizations.length} document(s) valid`);
