import { ProductModelVersion } from '../catalog/product-model-version.entity.js';
import { SavedConfiguration } from '../configurations/saved-configuration.entity.js';
import { Customer } from '../orders/customer.entity.js';
import { Order, OrderBomLine, OrderLine, OrderOperation } from '../orders/order.entity.js';
import { Part } from '../parts/part.entity.js';

/** Every entity, listed once: the ORM, the migrations and the tests use this list. */
export const entities = [
  ProductModelVersion,
  Part,
  Customer,
  Order,
  OrderLine,
  OrderBomLine,
  OrderOperation,
  SavedConfiguration,
];
