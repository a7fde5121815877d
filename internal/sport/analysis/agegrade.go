package analysis

import (
	"bytes"
	"embed"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

//go:embed standards/MaleRoadStd2020.csv standards/FemaleRoadStd2020.csv
var standardsFS embed.FS

// ageTable is one sex's road running age standards.
type ageTable struct {
	distM   []float64   // per column
	ocS     []float64   // open-class standard per column, s
	factors [][]float64 // [age-minAge][column]
	minAge  int
}

var (
	ageTablesOnce sync.Once
	ageTables     [3]*ageTable // by sexKind
)

func loadAgeTables() {
	for sex, name := range map[int]string{1: "standards/MaleRoadStd2020.csv", 2: "standards/FemaleRoadStd2020.csv"} {
		b, err := standardsFS.ReadFile(name)
		if err != nil {
			continue
		}
		if t := parseAgeTable(b); t != nil {
			ageTables[sex] = t
		}
	}
}

// parseAgeTable reads a standards CSV: a "Distance" row in km, an "OC sec"
// row, then one row of factors per age.
func parseAgeTable(b []byte) *ageTable {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return nil
	}
	t := &ageTable{}
	nums := func(row []string) []float64 {
		out := make([]float64, 0, len(row)-1)
		for _, c := range row[1:] {
			v, err := strconv.ParseFloat(strings.TrimSpace(c), 64)
			if err != nil {
				return nil
			}
			out = append(out, v)
		}
		return out
	}
	for _, row := range rows {
		if len(row) < 2 {
			continue
		}
		switch head := strings.TrimSpace(row[0]); head {
		case "Distance":
			if t.distM = nums(row); t.distM != nil {
				for i := range t.distM {
					t.distM[i] *= 1000
				}
			}
		case "OC sec":
			t.ocS = nums(row)
		default:
			age, err := strconv.Atoi(head)
			if err != nil {
				continue
			}
			f := nums(row)
			if f == nil {
				continue
			}
			if len(t.factors) == 0 {
				t.minAge = age
			}
			if age != t.minAge+len(t.factors) {
				return nil
			}
			t.factors = append(t.factors, f)
		}
	}
	if len(t.distM) == 0 || len(t.ocS) != len(t.distM) || len(t.factors) == 0 {
		return nil
	}
	for _, f := range t.factors {
		if len(f) != len(t.distM) {
			return nil
		}
	}
	return t
}

// AgeGrade returns the age-graded percentage of a running time: the age
// and sex standard for the distance (open-class standard / age factor of
// the 2020 USATF MLDR road running tables) divided by the time, x 100.
// It covers the running family on the tables' road distances (1 mile,
// 5 km ... 200 km, within 0.1 %), ages 5 to 100 and sex "male" or
// "female"; ok is false otherwise.
func AgeGrade(family string, sex string, age int, distanceM, timeS float64) (pct float64, ok bool) {
	if family != activity.FamilyRun || !(distanceM > 0 && timeS > 0) || !valid(distanceM+timeS) {
		return 0, false
	}
	k := Athlete{Sex: sex}.sexKind()
	if k == 0 {
		return 0, false
	}
	ageTablesOnce.Do(loadAgeTables)
	t := ageTables[k]
	if t == nil || age < t.minAge || age >= t.minAge+len(t.factors) {
		return 0, false
	}
	col := -1
	for i, d := range t.distM {
		if math.Abs(distanceM-d) <= d*0.001 {
			col = i
			break
		}
	}
	if col < 0 {
		return 0, false
	}
	factor := t.factors[age-t.minAge][col]
	if factor <= 0 {
		return 0, false
	}
	return math.Round(t.ocS[col]/factor/timeS*100*100) / 100, true
}
