import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApprovalsModule } from '../approvals/approvals.module';
import { FourEyesModule } from '../four-eyes/four-eyes.module';
import { LedgerModule } from '../ledger/ledger.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ProgramsModule } from '../programs/programs.module';
import { ApplicationLimitsService } from './application-limits.service';
import { CapsService } from './caps.service';
import { ControllerGroupUsageController } from './controller-group-usage.controller';
import { ProgramLimitsController } from './program-limits.controller';
import { Voucher, VoucherApplication } from './voucher.entities';
import { VoucherApplicationSubject } from './voucher-application.subject';
import { VoucherApplicationsService } from './voucher-applications.service';
import { VoucherExpiryService } from './voucher-expiry.service';
import { VouchersController } from './vouchers.controller';
import { VouchersService } from './vouchers.service';

@Module({
  imports: [TypeOrmModule.forFeature([Voucher, VoucherApplication]), ApprovalsModule, FourEyesModule, LedgerModule, OrganizationsModule, ProgramsModule],
  controllers: [VouchersController, ProgramLimitsController, ControllerGroupUsageController],
  providers: [VouchersService, VoucherApplicationsService, VoucherApplicationSubject, CapsService, VoucherExpiryService, ApplicationLimitsService],
  exports: [VouchersService, VoucherExpiryService, CapsService],
})
export class VouchersModule {}
