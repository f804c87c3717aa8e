import { Arg, Ctx, Query, Resolver, UseMiddleware } from 'type-graphql';
import { Allow, ApiScope } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { key, ValidArgs } from '../graphql/input-validation.js';
import { Product } from './catalog.types.js';
import { toProduct } from './product.mapper.js';

@Resolver(() => Product)
export class CatalogResolver {
  @Query(() => [Product], { description: 'Every product, in the version of its model now in force.' })
  @Allow({ users: 'anyone', scope: ApiScope.CATALOG_READ })
  async products(@Ctx() { catalog }: RequestContext): Promise<Product[]> {
    return (await catalog.latestVersions()).map((version) => toProduct(version, catalog.loaded(version)));
  }

  @Query(() => Product, { nullable: true, description: 'One product by code; null when there is none.' })
  @UseMiddleware(ValidArgs({ code: key('A product code') }))
  @Allow({ users: 'anyone', scope: ApiScope.CATALOG_READ })
  async product(
    @Arg('code', () => String) code: string,
    @Ctx() { catalog }: RequestContext,
  ): Promise<Product | null> {
    const version = await catalog.findVersion(code);
    return version ? toProduct(version, catalog.loaded(version)) : null;
  }
}
