package zeropay

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// directoryJSON is the JSON form LoadJSON reads.
type directoryJSON struct {
	Merchants []Merchant `json:"merchants"`
	QRCodes   []QRRecord `json:"qr_codes"`
}

// LoadJSON reads {"merchants": [...], "qr_codes": [...]} with the field
// names of [Merchant] and [QRRecord] into a new [Memory].
func LoadJSON(r io.Reader) (*Memory, error) {
	var d directoryJSON
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("%w: directory json: %v", ErrFormat, err)
	}
	return NewMemory(d.Merchants, d.QRCodes)
}

// Column headers LoadCSV expects, in any order.
var (
	merchantColumns = []string{"business_number", "merchant_id", "name", "short_name", "address", "phone", "small_business_class", "industry_code", "status"}
	qrColumns       = []string{"qr", "merchant_id", "issue_date", "status"}
)

// LoadCSV reads a merchant file and a QR file, each with a header row
// naming the columns of [Merchant] and [QRRecord] (as their JSON names);
// status is 0, 1 or 2. Either reader may be nil.
func LoadCSV(merchants, qrs io.Reader) (*Memory, error) {
	var ms []Merchant
	var qs []QRRecord
	err := readCSV(merchants, merchantColumns, func(get func(string) string) error {
		st, err := parseStatus(get("status"))
		ms = append(ms, Merchant{
			BusinessNumber: get("business_number"), ID: get("merchant_id"), Name: get("name"),
			ShortName: get("short_name"), Address: get("address"), Phone: get("phone"),
			SmallBusinessClass: get("small_business_class"), IndustryCode: get("industry_code"), Status: st,
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	err = readCSV(qrs, qrColumns, func(get func(string) string) error {
		st, err := parseStatus(get("status"))
		qs = append(qs, QRRecord{QR: get("qr"), MerchantID: get("merchant_id"), IssueDate: get("issue_date"), Status: st})
		return err
	})
	if err != nil {
		return nil, err
	}
	return NewMemory(ms, qs)
}

// readCSV calls row for every record of r, with a getter by column name.
func readCSV(r io.Reader, want []string, row func(get func(string) string) error) error {
	if r == nil {
		return nil
	}
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%w: csv header: %v", ErrFormat, err)
	}
	for _, col := range want {
		if !slices.Contains(header, col) {
			return fmt.Errorf("%w: csv has no column %q", ErrFormat, col)
		}
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: csv line %d: %v", ErrFormat, line, err)
		}
		get := func(col string) string { return rec[slices.Index(header, col)] }
		if err := row(get); err != nil {
			return fmt.Errorf("csv line %d: %w", line, err)
		}
	}
}

func parseStatus(s string) (Status, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > int(StatusSuspended) {
		return 0, fieldErr("status", -1, ErrFormat)
	}
	return Status(n), nil
}
