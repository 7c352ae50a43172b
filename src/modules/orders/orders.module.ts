import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ProgramsModule } from '../programs/programs.module';
import { VouchersModule } from '../vouchers/vouchers.module';
import { ServiceOrder } from './order.entity';
import { OrdersController } from './orders.controller';
import { OrderPricingService } from './order-pricing.service';
import { OrderReferences } from './order-references';
import { OrdersService } from './orders.service';
import { RatingsController } from './ratings/ratings.controller';
import { RatingsService } from './ratings/ratings.service';

@Module({
  imports: [TypeOrmModule.forFeature([ServiceOrder]), CatalogModule, NotificationsModule, OrganizationsModule, ProgramsModule, VouchersModule],
  controllers: [OrdersController, RatingsController],
  providers: [OrdersService, OrderPricingService, OrderReferences, RatingsService],
  exports: [OrdersService],
})
export class OrdersModule {}
