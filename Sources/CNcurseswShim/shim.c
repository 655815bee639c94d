#include "CNcurseswShim.h"
