import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CacheSpace, ReferenceCache } from '../../platform/cache/reference-cache';
import { CatalogService, ServiceForOrder } from '../catalog/catalog.service';
import { Recognition, RecognitionService } from '../catalog/recognition.service';
import { PolicyReference, ProgramsService } from '../programs/programs.service';

const RECOGNITION_TABLES = ['recognition_agreements', 'recognition_agreement_providers', 'recognition_agreement_services', 'recognition_agreement_signatures', 'catalog_services'];

/**
 * The reference data an order is priced on — the programme's policy version, the service and its
 * provider, the recognition agreement — read through the per-process ReferenceCache. Each value
 * carries the stamp the database computes for its rows; service_order_prepare() compares the stamps
 * under the voucher lock, so a value the cache kept a moment past a commit is refused, not used.
 * `fresh` skips the cache (a retry after 'stale').
 */
@Injectable()
export class OrderReferences {
  private readonly policies: CacheSpace<PolicyReference | null>;
  private readonly services: CacheSpace<ServiceForOrder | null>;
  private readonly recognitions: CacheSpace<Recognition | null>;

  constructor(
    cache: ReferenceCache,
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly recognition: RecognitionService,
    private readonly programs: ProgramsService,
  ) {
    this.policies = cache.space(['voucher_programs', 'voucher_program_versions']);
    this.services = cache.space(['catalog_services', 'organizations']);
    this.recognitions = cache.space(RECOGNITION_TABLES);
  }

  async policy(programId: string, versionNo: number, fresh = false): Promise<PolicyReference> {
    const key = `${programId}:${versionNo}`;
    const reference = await found(this.policies, key, fresh, () => this.programs.policyReference(this.dataSource.manager, programId, versionNo));
    if (!reference) throw new Error(`programme ${programId} has no version ${versionNo}`);
    return reference;
  }

  service(serviceId: string, fresh = false): Promise<ServiceForOrder | null> {
    return found(this.services, serviceId, fresh, () => this.catalog.getForOrder(this.dataSource.manager, serviceId));
  }

  findRecognition(issuingRegionCode: string, providerId: string, serviceId: string, onDate: string, fresh = false): Promise<Recognition | null> {
    const key = `${issuingRegionCode}:${providerId}:${serviceId}:${onDate}`;
    return found(this.recognitions, key, fresh, () => this.recognition.findRecognition(this.dataSource.manager, issuingRegionCode, providerId, serviceId, onDate));
  }
}

/** Only what exists is kept: a refusal for something missing is read again next time. */
async function found<T>(space: CacheSpace<T | null>, key: string, fresh: boolean, load: () => Promise<T | null>): Promise<T | null> {
  if (fresh) space.delete(key);
  const value = await space.get(key, load);
  if (value === null) space.delete(key);
  return value;
}
