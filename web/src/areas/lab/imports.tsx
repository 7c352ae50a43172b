import { CatalogImportsPage } from '../common/catalog-imports';

/** Bulk import of the lab's own catalogue: the shared import page (areas/common/catalog-imports.tsx). */
export function LabImportsPage() {
  return <CatalogImportsPage audience="lab" />;
}
