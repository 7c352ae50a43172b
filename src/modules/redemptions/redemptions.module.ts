import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApprovalsModule } from '../approvals/approvals.module';
import { CatalogModule } from '../catalog/catalog.module';
import { FourEyesModule } from '../four-eyes/four-eyes.module';
import { LedgerModule } from '../ledger/ledger.module';
import { OrdersModule } from '../orders/orders.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ProgramsModule } from '../programs/programs.module';
import { VouchersModule } from '../vouchers/vouchers.module';
import { ClaimRecoveriesService } from './claim-recoveries.service';
import { RedemptionClaim } from './claim.entity';
import { RedemptionClaimSubject } from './claim.subject';
import { ClaimsController } from './claims.controller';
import { ClaimsService } from './claims.service';

@Module({
  imports: [TypeOrmModule.forFeature([RedemptionClaim]), ApprovalsModule, CatalogModule, FourEyesModule, LedgerModule, OrdersModule, OrganizationsModule, ProgramsModule, VouchersModule],
  controllers: [ClaimsController],
  providers: [ClaimsService, ClaimRecoveriesService, RedemptionClaimSubject],
  exports: [ClaimsService],
})
export class RedemptionsModule {}
