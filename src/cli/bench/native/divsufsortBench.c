/* Times Debian's libdivsufsort on a file of token bytes, for the attribution bench: `divsufsortBench IN OUT` reads
   IN, builds its byte suffix array, prints the build's milliseconds and writes the array (int32, little-endian) to
   OUT so the bench can check that ours orders the tokens the same way. Built by the bench with the system compiler. */
#include <divsufsort.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
	if (argc != 3) {
		fprintf(stderr, "usage: %s IN OUT\n", argv[0]);
		return 2;
	}
	FILE *in = fopen(argv[1], "rb");
	if (!in) return perror(argv[1]), 1;
	fseek(in, 0, SEEK_END);
	long n = ftell(in);
	fseek(in, 0, SEEK_SET);
	sauchar_t *text = malloc(n > 0 ? n : 1);
	saidx_t *sa = malloc(sizeof(saidx_t) * (n > 0 ? n : 1));
	if (!text || !sa) return fprintf(stderr, "out of memory for %ld bytes\n", n), 1;
	if (fread(text, 1, n, in) != (size_t)n) return perror("read"), 1;
	fclose(in);
	struct timespec start, end;
	clock_gettime(CLOCK_MONOTONIC, &start);
	if (divsufsort(text, sa, (saidx_t)n) != 0) return fprintf(stderr, "divsufsort failed\n"), 1;
	clock_gettime(CLOCK_MONOTONIC, &end);
	printf("%.3f\n", (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6);
	FILE *out = fopen(argv[2], "wb");
	if (!out) return perror(argv[2]), 1;
	fwrite(sa, sizeof(saidx_t), n, out);
	fclose(out);
	return 0;
}
