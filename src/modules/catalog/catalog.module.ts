import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AgreementDetailReader } from './agreements/agreement-detail.reader';
import { AgreementSignaturesService } from './agreements/agreement-signatures.service';
import { CatalogImport, CatalogImportError, CatalogItem, RecognitionAgreement, ServiceCategory } from './catalog.entities';
import { CatalogImportJob } from './imports/catalog-import.job';
import { CatalogImportMerge } from './imports/catalog-import.merge';
import { CatalogImportService } from './imports/catalog-import.service';
import { CatalogImportSlots } from './imports/catalog-import.slots';
import { CatalogImportSweeper } from './imports/catalog-import.sweeper';
import { CatalogImportValidation } from './imports/catalog-import.validation';
import { CatalogImportsController } from './imports/catalog-imports.controller';
import { CatalogImportsService } from './imports/catalog-imports.service';
import { CatalogSearchService } from './catalog-search.service';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { RecognitionAgreementsController } from './agreements/recognition-agreements.controller';
import { RecognitionAgreementsService } from './agreements/recognition-agreements.service';
import { RecognitionService } from './recognition.service';
import { OpenCatalogController } from './open-catalog.controller';
import { EngineSearch } from './search-engine/engine-search';
import { SearchEngineClient } from './search-engine/search-engine.client';
import { SearchEngineFeeder } from './search-engine/search-engine.feeder';

/** 服务目录 + 互认: provider catalogues, Chinese search, bulk CSV/XLSX import (queue jobs), recognition agreements. */
@Module({
  imports: [TypeOrmModule.forFeature([ServiceCategory, CatalogItem, RecognitionAgreement, CatalogImport, CatalogImportError]), OrganizationsModule],
  controllers: [CatalogController, OpenCatalogController, CatalogImportsController, RecognitionAgreementsController],
  providers: [
    CatalogService, CatalogSearchService, CatalogImportService, CatalogImportsService, CatalogImportSlots, CatalogImportValidation, CatalogImportMerge, CatalogImportJob,
    CatalogImportSweeper, RecognitionService, RecognitionAgreementsService, AgreementDetailReader, AgreementSignaturesService,
    SearchEngineClient, SearchEngineFeeder, EngineSearch],
  exports: [CatalogService, RecognitionService],
})
export class CatalogModule {}
