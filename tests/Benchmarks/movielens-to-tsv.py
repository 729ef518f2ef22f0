#!/usr/bin/env python3
"""MovieLens latest-small as LuceneReco input (docs/benchmarks.md, "Shadow pipelines").

Usage: movielens-to-tsv.py DATASET_DIR OUT_DIR [USERS]
Writes OUT_DIR/items.tsv (id m<movieId>, title, body = title and genres, tags = genres), OUT_DIR/interactions.tsv
(u<userId>, m<movieId>, rating as weight, timestamp) and OUT_DIR/users.txt (the first USERS user ids by number, 200).
"""
import csv, os, sys

def main():
    src, out = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "items.tsv"), "w") as f:
        f.write("id\ttitle\tbody\ttags\n")
        for r in csv.DictReader(open(os.path.join(src, "movies.csv"))):
            genres = r["genres"].split("|")
            title = r["title"].replace("\t", " ")
            f.write(f"m{r['movieId']}\t{title}\t{title} {' '.join(genres)}\t{', '.join(genres)}\n")
    users = set()
    with open(os.path.join(out, "interactions.tsv"), "w") as f:
        for r in csv.DictReader(open(os.path.join(src, "ratings.csv"))):
            f.write(f"u{r['userId']}\tm{r['movieId']}\t{r['rating']}\t{r['timestamp']}\n")
            users.add(int(r["userId"]))
    with open(os.path.join(out, "users.txt"), "w") as f:
        for u in sorted(users)[:count]: f.write(f"u{u}\n")

if __name__ == "__main__":
    main()
