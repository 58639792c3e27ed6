// Previous / next page links, the page count and, where offered, the choice of rows per page.
import Link from "next/link";

export function Pagination({
  page,
  pages,
  href,
  pageSize,
  sizes,
}: {
  page: number;
  pages: number;
  /** The link to another page (and, with sizes, another page size). */
  href: (change: { page: number; size?: number }) => string;
  pageSize?: number;
  sizes?: readonly number[];
}) {
  return (
    <nav aria-label="Pages" className="row-actions pagination">
      {page > 1 && <Link href={href({ page: page - 1 })}>Previous page</Link>}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages && <Link href={href({ page: page + 1 })}>Next page</Link>}
      {sizes && (
        <span>
          Rows per page:{" "}
          {sizes.map((n) =>
            n === pageSize ? (
              <strong key={n}> {n} </strong>
            ) : (
              <Link key={n} href={href({ size: n, page: 1 })}>
                {" "}
                {n}{" "}
              </Link>
            ),
          )}
        </span>
      )}
    </nav>
  );
}
