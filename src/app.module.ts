import { DynamicModule, Module } from '@nestjs/common';
import { ApprovalsModule } from './modules/approvals/approvals.module';
import { CatalogModule } from './modules/catalog/catalog.module';
import { CreditModule } from './modules/credit/credit.module';
import { DashboardsModule } from './modules/dashboards/dashboards.module';
import { FourEyesModule } from './modules/four-eyes/four-eyes.module';
import { LedgerModule } from './modules/ledger/ledger.module';
import { LifecyclesModule } from './modules/lifecycles/lifecycles.module';
import { MessagesModule } from './modules/notifications/messages/messages.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { OrdersModule } from './modules/orders/orders.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { IdentityModule } from './modules/organizations/users/identity.module';
import { ProgramsModule } from './modules/programs/programs.module';
import { RedemptionsModule } from './modules/redemptions/redemptions.module';
import { RoadshowsModule } from './modules/roadshows/roadshows.module';
import { SettlementModule } from './modules/settlement/settlement.module';
import { VouchersModule } from './modules/vouchers/vouchers.module';
import { PlatformModule, PlatformOptions } from './platform/platform.module';
import { DemoLoginsController } from './seed/demo-logins.controller';

/** API and workers build the same modules; the process role only decides which loops start. */
@Module({})
export class AppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(options),
        // Auth's IdentityStore port, implemented by organizations (the owner of `users`).
        IdentityModule,
        // E-mail and SMS, with auth's AccountMail port (reset links, invitations).
        MessagesModule,
        ApprovalsModule,
        OrganizationsModule,
        NotificationsModule,
        CatalogModule,
        LedgerModule,
        FourEyesModule,
        ProgramsModule,
        VouchersModule,
        OrdersModule,
        RedemptionsModule,
        SettlementModule,
        CreditModule,
        RoadshowsModule,
        DashboardsModule,
        LifecyclesModule,
      ],
      controllers: [DemoLoginsController],
    };
  }
}
