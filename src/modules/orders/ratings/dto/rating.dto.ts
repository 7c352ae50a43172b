import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';

export class RateOrderDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: 'Score, 1 (poor) to 5 (excellent)' }) @IsInt() @Min(1) @Max(5)
  score: number;

  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000)
  comment?: string;
}

export class ReplyToRatingDto {
  @ApiProperty({ minLength: 2, maxLength: 1000 }) @IsString() @MinLength(2) @MaxLength(1000)
  reply: string;
}

export class RatingQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID()
  serviceId?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID()
  providerId?: string;

  @ApiPropertyOptional({ description: 'true: the ratings the caller’s enterprise gave, or its provider received' })
  @IsOptional() @Transform(({ value }) => value === true || value === 'true') @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

/** A rating (评价) of a delivered service. Who gave it is shown only to the two parties of the order. */
export class RatingDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String, description: 'The order; only for its enterprise and its provider' }) orderId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The order’s number; only for the two parties' }) orderNumber: string | null;
  @ApiProperty() serviceId: string;
  @ApiProperty() serviceName: string;
  @ApiProperty() providerId: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) score: number;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'The provider’s one reply' }) reply: string | null;
  @ApiProperty({ nullable: true, type: String }) repliedAt: string | null;
}
