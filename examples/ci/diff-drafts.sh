#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The semantic diff of every licence draft a change touches, as one Markdown comment (docs/drafting.md).
#
#   diff-drafts.sh BASE [PATHSPEC...] > comment.md
#
# BASE is the revision the change starts from (the merge base of a pull request); PATHSPEC selects the drafts
# (default: every *.terms file). For each draft added or modified since BASE: `licensecheck diff DRAFT@BASE DRAFT
# --format markdown` (a draft new since BASE has nothing to be compared with and is only linted), then its
# `licensecheck lint` findings, folded. Run it from the top of the repository.
#
# Exit 0 when every draft was compared (answers that change are what the comment is for), 4 when a draft
# cannot be read or does not parse (the error is in the comment too), 2 on a usage error.
set -u -o pipefail

if [ $# -lt 1 ]; then
  echo "usage: diff-drafts.sh BASE [PATHSPEC...]" >&2
  exit 2
fi
base=$1
shift
if [ $# -eq 0 ]; then
  set -- '*.terms'
fi
if ! git rev-parse --verify --quiet "$base^{commit}" > /dev/null; then
  echo "diff-drafts.sh: unknown revision \`$base\`" >&2
  exit 2
fi

status=0
count=0
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
while IFS= read -r -d '' draft; do
  count=$((count + 1))
  if git cat-file -e "$base:$draft" 2> /dev/null; then
    licensecheck diff "$draft@$base" "$draft" --format markdown 2> "$errors"
    code=$?
  else
    printf '## New licence draft: `%s`\n\nNothing to compare it with at `%s`.\n' "$draft" "$(git rev-parse --short "$base")"
    code=0
  fi
  if [ "$code" -ge 2 ]; then
    printf '## Licence diff: `%s`\n\n**The draft could not be compared:**\n\n```\n%s\n```\n' "$draft" "$(cat "$errors")"
    status=4
  fi
  printf '\n<details><summary><code>licensecheck lint %s</code></summary>\n\n```\n' "$draft"
  licensecheck lint "$draft" 2>&1
  printf '```\n\n</details>\n\n'
done < <(git diff -z --name-only --diff-filter=AM "$base" -- "$@")

if [ "$count" -eq 0 ]; then
  echo "No licence draft changed since \`$(git rev-parse --short "$base")\`."
fi
exit "$status"
