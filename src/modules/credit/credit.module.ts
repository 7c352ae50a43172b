import { Module } from '@nestjs/common';
import { FourEyesModule } from '../four-eyes/four-eyes.module';
import { OrdersModule } from '../orders/orders.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ProgramsModule } from '../programs/programs.module';
import { VouchersModule } from '../vouchers/vouchers.module';
import { MisconductController } from './misconduct.controller';
import { MisconductService } from './misconduct.service';

/** Credit (信用): misconduct records and their effects (docs/domain.md, "Misconduct"). */
@Module({
  imports: [FourEyesModule, OrdersModule, OrganizationsModule, ProgramsModule, VouchersModule],
  controllers: [MisconductController],
  providers: [MisconductService],
})
export class CreditModule {}
