import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerModule } from '../ledger/ledger.module';
import { OrdersModule } from '../orders/orders.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ProgramsModule } from '../programs/programs.module';
import { RedemptionsModule } from '../redemptions/redemptions.module';
import { VouchersModule } from '../vouchers/vouchers.module';
import { DailyRunService } from './daily-run.service';
import { SettlementBatch } from './settlement.entities';
import { SettlementController } from './settlement.controller';
import { SettlementService } from './settlement.service';

@Module({
  imports: [TypeOrmModule.forFeature([SettlementBatch]), LedgerModule, OrdersModule, OrganizationsModule, ProgramsModule, RedemptionsModule, VouchersModule],
  controllers: [SettlementController],
  providers: [SettlementService, DailyRunService],
})
export class SettlementModule {}
