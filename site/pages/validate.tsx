import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import Link from '@docusaurus/Link';
import siteConfig from '@generated/docusaurus.config';
import Layout from '@theme/Layout';
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { prestartWorker } from '../validator/worker-client';

const loadValidator = (): Promise<{ default: ComponentType }> => import('../validator/Validator');

/**
 * In the browser the validator's code starts loading with the page's own, not after the page is
 * hydrated; loading it has no side effect. A failure is shown when the page mounts (and is no
 * unhandled rejection when the page was only preloaded from a link).
 */
const validatorModule = ExecutionEnvironment.canUseDOM ? loadValidator() : undefined;
validatorModule?.catch(() => undefined);

// On /validate itself (not when a link to it is hovered elsewhere, which also evaluates this
// module), the worker starts now, and loads libxml2 while React hydrates the page.
if (ExecutionEnvironment.canUseDOM && window.location.pathname.replace(/\/+$/, '') === `${siteConfig.baseUrl}validate`) prestartWorker();

/**
 * The validator once its code is loaded. Not `React.lazy`: React holds back what a Suspense
 * boundary reveals until 300 ms after its fallback was shown, which delayed the first verdict of a
 * permalink by about 250 ms.
 */
function LoadedValidator(): ReactNode {
  const [loaded, setLoaded] = useState<{ readonly Validator: ComponentType } | { readonly error: string } | undefined>();
  useEffect(() => {
    let live = true;
    void (validatorModule ?? loadValidator()).then(
      (module) => live && setLoaded({ Validator: module.default }),
      (error: unknown) => live && setLoaded({ error: (error as Error).message }),
    );
    return () => {
      live = false;
    };
  }, []);
  if (loaded === undefined) return <p>Loading the validator…</p>;
  if ('error' in loaded) return <p role="alert">The validator failed to load: {loaded.error}</p>;
  return <loaded.Validator />;
}

/** /validate: the in-browser validator. The validator itself loads in the browser only. */
export default function ValidatePage(): ReactNode {
  return (
    <Layout title="Validator" description="Validate captured WireServer documents against the spec, in your browser">
      <main className="container margin-vert--lg">
        <h1>Validator</h1>
        <p>
          Paste a captured WireServer document, or drop one or more files (a <code>capture</code> folder's files form one bundle). Each is
          checked against its schema with libxml2 compiled to WebAssembly, then with the{' '}
          <Link to="/docs/tools/validator#checks-beyond-the-xsd">checks beyond the XSD</Link>. Nothing leaves your browser; the permalink
          carries the documents in the URL fragment, which is never sent to a server.
        </p>
        <LoadedValidator />
      </main>
    </Layout>
  );
}
