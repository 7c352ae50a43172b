import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Role } from '../context/actor';

/** The portal's languages, as stored per user (docs/i18n.md). */
export const USER_LOCALES = ['zh-CN', 'zh-Hant', 'en'] as const;
export type UserLocale = (typeof USER_LOCALES)[number];

export class LoginDto {
  @ApiProperty({ example: 'enterprise@demo.g60.cn' })
  @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Demo#2026' })
  @IsString() @MinLength(1) @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from login or the previous refresh' })
  @IsString() @MinLength(20) @MaxLength(300)
  refreshToken: string;
}

export class TokenPairDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Access token lifetime in seconds' }) expiresIn: number;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
}

export class MeUserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty() isOrgAdmin: boolean;
  @ApiProperty({ enum: USER_LOCALES, nullable: true, type: String, description: 'The language the user chose in the portal; null until they choose' })
  locale: UserLocale | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'Elder mode (适老化: larger text, more contrast, larger targets); null until the user chooses' })
  elderMode: boolean | null;
}

export class MeOrganizationDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['enterprise', 'provider', 'investor', 'agency', 'team'] }) kind: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ nullable: true, type: String }) uscc: string | null;
  @ApiProperty({ nullable: true, type: String }) admissionStatus: string | null;
}

export class MeDto {
  @ApiProperty({ type: MeUserDto }) user: MeUserDto;
  @ApiProperty({ type: MeOrganizationDto }) organization: MeOrganizationDto;
  @ApiProperty({ type: [String], description: 'Regions this user acts for (own region and the regions under it)' })
  regionScope: string[];
}

/** The password rules every new password meets (registration's, docs/security.md "Passwords"). */
function StrongPassword(): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    MinLength(10)(target, key);
    MaxLength(128)(target, key);
    Matches(/(?=.*[A-Za-z])(?=.*\d)/, { message: `${String(key)} must contain a letter and a digit` })(target, key);
  };
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'The password in use now' })
  @IsString() @MinLength(1) @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 10, maxLength: 128, description: 'At least 10 characters with a letter and a digit; not the current one' })
  @StrongPassword()
  newPassword: string;
}

export class ForgotPasswordDto {
  @ApiProperty({ example: 'li.na@example.com', description: 'The account e-mail; the answer is the same whether or not it has an account' })
  @IsEmail() @MaxLength(254)
  email: string;
}

export class CompletePasswordResetDto {
  @ApiProperty({ description: 'The one-time reset token: from the e-mailed link, or handed over by a platform admin' })
  @IsString() @MinLength(20) @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: 10, maxLength: 128, description: 'At least 10 characters with a letter and a digit' })
  @StrongPassword()
  newPassword: string;
}

export class PasswordResetIssuedDto {
  @ApiProperty() userId: string;
  @ApiProperty({ description: 'One-time token; hand it to the user out of band. Shown only in this answer.' }) resetToken: string;
  @ApiProperty() expiresAt: string;
}

/** The signed-in user's portal preferences: a PUT sets the ones it names and keeps the others. */
export class MePreferencesDto {
  @ApiPropertyOptional({ enum: USER_LOCALES, description: '简体中文 (zh-CN), 繁體中文 (zh-Hant) or English (en)' })
  @IsOptional() @IsIn(USER_LOCALES)
  locale?: UserLocale;

  @ApiPropertyOptional({ description: 'Elder mode (适老化, docs/accessibility.md)' })
  @IsOptional() @IsBoolean()
  elderMode?: boolean;
}

export class MePreferencesAnswerDto {
  @ApiProperty({ enum: USER_LOCALES, nullable: true, type: String }) locale: UserLocale | null;
  @ApiProperty({ nullable: true, type: Boolean }) elderMode: boolean | null;
}
