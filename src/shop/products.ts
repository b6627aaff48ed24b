export interface Product {
  id: string;
  name: string;
  price: string;
}

/** The demo shop's catalogue, after the shop in Okta's guide to protecting routes. */
export const PRODUCTS: readonly Product[] = [
  { id: 'mug', name: 'Okta-blue mug', price: '$12.00' },
  { id: 'tee', name: 'Nest logo T-shirt', price: '$24.00' },
  { id: 'stickers', name: 'Sticker pack', price: '$4.00' },
];
