import { DynamicModule, Module } from '@nestjs/common';
import { ApprovalsModule } from './modules/approvals/approvals.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { PlatformModule, PlatformOptions } from './platform/platform.module';

/** API and workers build the same modules; the process role only decides which loops start. */
@Module({})
export class AppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(options), ApprovalsModule, OrganizationsModule, NotificationsModule],
    };
  }
}
