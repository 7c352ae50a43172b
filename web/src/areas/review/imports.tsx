import { CatalogImportsPage } from '../../features/catalog/imports';

/** The partner admin's bulk import of its region's providers' catalogues: the shared import page. */
export function PartnerImportsPage() {
  return <CatalogImportsPage audience="partner" />;
}
