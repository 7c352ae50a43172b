import { CatalogImportsPage } from '../../features/catalog/imports';

/** Bulk import of the lab's own catalogue: the shared import page (features/catalog/imports.tsx). */
export function LabImportsPage() {
  return <CatalogImportsPage audience="lab" />;
}
